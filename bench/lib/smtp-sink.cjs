'use strict';
/**
 * A local SMTP server that accepts, counts and discards every message, in a process of its own
 * (`startSmtpSinkProcess`):
 * the sender under test then has its core to itself and its memory is measured without the sink.
 * Tells its port over IPC, and answers "stats" with {received, peakRssMb}, and "reset" the same before zeroing the count.
 */
const { SMTPServer } = require('smtp-server');

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  closeTimeout: 500,
  onData(stream, _session, callback) {
    stream.resume();
    stream.on('end', () => {
      received += 1;
      callback();
    });
  },
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
process.on('message', (message) => {
  if (message === 'stats' || message === 'reset') {
    process.send({ received, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });
  }
  if (message === 'reset') received = 0;
  if (message === 'close') server.close(() => process.exit(0));
});
