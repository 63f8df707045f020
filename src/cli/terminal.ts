import { escapeControls } from '../report/safe-text.js';

// Whether to colour output: not with --no-color, NO_COLOR, a dumb terminal, or no TTY.
export function useColor(flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.TERM === 'dumb') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return !!process.stdout.isTTY;
}

/**
 * Writes one line of text output. The line embeds input (file names, resource names, parser
 * messages), so its control characters, newlines included, are escaped: it stays one line and
 * cannot drive the terminal.
 */
export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(escapeControls(line) + '\n');
}
