// `WWW-Authenticate` challenges (RFC 7235 §4.1, auth-param = token "=" ( token / quoted-string )),
// as registries send them (distribution docs/spec/auth/token.md):
//   Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:app:pull"
export interface Challenge { scheme: string; params: Record<string, string> }

export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const s = header;
  const skip = (): void => { while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === ',')) i++; };
  const token = (): string => {
    const start = i;
    while (i < s.length && /[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skip();
    const scheme = token();
    if (!scheme) break;
    const params: Record<string, string> = {};
    for (;;) {
      const save = i;
      skip();
      const key = token();
      while (s[i] === ' ') i++;
      if (!key || s[i] !== '=') {
        i = save; // the next challenge's scheme
        break;
      }
      i++;
      while (s[i] === ' ') i++;
      let value = '';
      if (s[i] === '"') {
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          value += s[i];
          i++;
        }
        i++;
      } else {
        value = token();
      }
      params[key.toLowerCase()] = value;
    }
    out.push({ scheme: scheme.toLowerCase(), params });
    if (i >= s.length) break;
  }
  return out;
}
