// A page's JS heap over the DevTools protocol, read the same way by the soak and every bench.
import type { Page } from 'playwright-core';

/**
 * Bytes in use as found (garbage not yet collected included: it swings with GC timing) and live after
 * two forced collections (what the page keeps; the first collection leaves what finalizers released).
 */
export async function jsHeapBytes(page: Page): Promise<{ beforeGc: number; live: number }> {
  const session = await page.context().newCDPSession(page);
  try {
    const usage = async () => ((await session.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    const beforeGc = await usage();
    await session.send('HeapProfiler.collectGarbage');
    await session.send('HeapProfiler.collectGarbage');
    return { beforeGc, live: await usage() };
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** jsHeapBytes in MB. */
export async function jsHeapMb(page: Page): Promise<{ beforeGc: number; live: number }> {
  const { beforeGc, live } = await jsHeapBytes(page);
  return { beforeGc: beforeGc / 1e6, live: live / 1e6 };
}
