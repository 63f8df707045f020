// Headless Chromium for the HTML report's tests: the build that @sparticuz/chromium ships inside
// its npm package (unpacked on first use), driven by playwright-core. No system browser needed.
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

/** Flags that keep Chromium from reaching out on its own: this machine (and CI) has no network. */
const QUIET = ['--no-first-run', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await sparticuz.executablePath();
  // --single-process suits one page per Lambda call; these tests open a context per test, and a
  // closed context would take the single browser process with it.
  const args = sparticuz.args.filter((a) => a !== '--single-process');
  return chromium.launch({ executablePath, args: [...args, ...QUIET], headless: true });
}
