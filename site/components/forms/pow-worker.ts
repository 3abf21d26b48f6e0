// The proof-of-work's Web Worker: altcha-lib's own, which answers `work` and `abort` messages.
import 'altcha-lib/worker';
