'use strict';
/**
 * A local SMTP sink for the benchmarks, in a process of its own (`startSmtpSinkProcess`): it
 * accepts, counts and discards every message. It speaks just enough SMTP for nodemailer (EHLO,
 * MAIL, RCPT, DATA, RSET, NOOP, QUIT) and finds the end of a message with Buffer.indexOf instead
 * of parsing it: smtp-server reads every byte in JavaScript, which on two cores took a fifth of a
 * millisecond per mail from the sender being measured. The tests use smtp-server, a real server.
 * Like the relays a newsletter goes out through (Postfix, Exim, the mail services), it offers
 * PIPELINING (RFC 2920): the envelope and DATA arrive in one write and their replies leave in one.
 * Tells its port over IPC, and answers "stats" with {received, peakRssMb, cpuMs} (its CPU time so
 * far), and "reset" the same before zeroing the count.
 */
const net = require('node:net');

const END_OF_DATA = Buffer.from('\r\n.\r\n');
let received = 0;
const sockets = new Set();

const server = net.createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.setNoDelay(true);
  let inData = false;
  let pending = Buffer.alloc(0);
  // Replies to the commands of one read are written together, as a pipelining server does.
  let replies = '';
  const reply = (line) => {
    replies += `${line}\r\n`;
  };
  const flush = () => {
    if (replies) socket.write(replies);
    replies = '';
  };
  reply('220 sink ESMTP');
  flush();
  socket.on('data', (chunk) => {
    onData(chunk);
    flush();
  });
  const onData = (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (inData) {
        // The message ends at CRLF.CRLF (dot-stuffed lines cannot contain it).
        const end = pending.indexOf(END_OF_DATA);
        if (end < 0) {
          pending = pending.subarray(Math.max(0, pending.length - END_OF_DATA.length + 1));
          return;
        }
        pending = pending.subarray(end + END_OF_DATA.length);
        inData = false;
        received += 1;
        reply('250 OK queued');
        continue;
      }
      const eol = pending.indexOf('\r\n');
      if (eol < 0) return;
      const command = pending.subarray(0, eol).toString('latin1').slice(0, 4).toUpperCase();
      pending = pending.subarray(eol + 2);
      if (command === 'EHLO') reply('250-sink\r\n250-PIPELINING\r\n250 8BITMIME');
      else if (command === 'HELO' || command === 'MAIL' || command === 'RCPT') reply('250 OK');
      else if (command === 'RSET' || command === 'NOOP') reply('250 OK');
      else if (command === 'DATA') {
        inData = true;
        // The terminator may follow at once: keep the CRLF that precedes the data.
        pending = Buffer.concat([Buffer.from('\r\n'), pending]);
        reply('354 End data with <CR><LF>.<CR><LF>');
      } else if (command === 'QUIT') {
        reply('221 Bye');
        flush();
        socket.end();
        return;
      } else reply('502 Command not implemented');
    }
  };
  socket.on('error', () => {});
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (message) => {
  if (message === 'stats' || message === 'reset') {
    const cpu = process.cpuUsage();
    process.send({
      received,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
  }
  if (message === 'reset') received = 0;
  if (message === 'close') {
    server.close(() => process.exit(0));
    for (const socket of sockets) socket.destroy();
  }
});
