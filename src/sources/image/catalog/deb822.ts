// Paragraphs of `Field: value` lines as dpkg's status file (deb822(5)), apk's installed database
// and Python's core metadata (email headers) write them: a blank line ends a paragraph; a line
// starting with a space or tab continues the previous field.
export function paragraphs(text: string, separator = ':'): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  let cur: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (Object.keys(cur).length) out.push(cur);
      cur = {};
      last = undefined;
      continue;
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      cur[last] += `\n${line.trim()}`;
      continue;
    }
    const i = line.indexOf(separator);
    if (i <= 0) continue;
    last = line.slice(0, i).trim();
    // The first occurrence wins (email headers may repeat, e.g. Classifier).
    if (!(last in cur)) cur[last] = line.slice(i + 1).trim();
    else last = undefined;
  }
  if (Object.keys(cur).length) out.push(cur);
  return out;
}
