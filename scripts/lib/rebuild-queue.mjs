/**
 * Turns many "content changed" notices into few builds: a build starts once no notice has come
 * for `debounceMs`; notices that arrive during a build cause exactly one more build after it.
 * Builds never overlap.
 */
export class RebuildQueue {
  /** @param {{ debounceMs: number, rebuild: () => Promise<unknown>, onError?: (error: unknown) => void }} options */
  constructor({ debounceMs, rebuild, onError = () => {} }) {
    this.debounceMs = debounceMs;
    this.rebuild = rebuild;
    this.onError = onError;
    this.timer = null;
    this.running = null;
    this.again = false;
    this.builds = 0;
    this.failures = 0;
    this.lastError = null;
    this.lastSuccessAt = null;
  }

  request() {
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), this.debounceMs);
  }

  start() {
    this.timer = null;
    this.running = (async () => {
      try {
        await this.rebuild();
        this.builds += 1;
        this.lastError = null;
        this.lastSuccessAt = new Date();
      } catch (error) {
        this.failures += 1;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.onError(error);
      } finally {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.request();
        }
      }
    })();
  }

  /** Resolves once no build is waiting or running. */
  async idle() {
    while (this.timer || this.running) {
      await (this.running ?? new Promise((resolve) => setTimeout(resolve, 20)));
    }
  }

  status() {
    return {
      building: this.running !== null,
      waiting: this.timer !== null || this.again,
      builds: this.builds,
      failures: this.failures,
      lastError: this.lastError,
      lastSuccessAt: this.lastSuccessAt?.toISOString() ?? null,
    };
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
  }
}
