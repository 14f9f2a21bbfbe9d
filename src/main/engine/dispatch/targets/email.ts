// E-mail over SMTP (nodemailer): HTML and text bodies, several events per message when the
// dispatcher batches them (NOTIFICATION_BATCH_SIZE within NOTIFICATION_BATCH_TIMEOUT_MS).
import nodemailer from 'nodemailer';
import { escapeHtml } from '../escape';
import type { NotificationPayload } from '../payload';
import { fail, type Target, type TargetErrorCode } from '../target';

export const emailTarget: Target<'email'> = {
  kind: 'email',
  batches: true,
  rateLimit: () => null,
  async send(messages, config, ctx) {
    const payloads = messages.map((m) => m.payload);
    const first = payloads[0]!;
    const subject =
      payloads.length === 1
        ? `${config.subject_prefix} ${first.title}${first.contractName ? ` on ${first.contractName}` : ''}`
        : `${config.subject_prefix} ${payloads.length} events: ${[...new Set(payloads.map((p) => p.title))].slice(0, 5).join(', ')}`;
    const transport = nodemailer.createTransport({
      host: config.smtp.host,
      port: config.smtp.port,
      secure: config.smtp.tls === 'implicit',
      requireTLS: config.smtp.tls === 'starttls',
      ignoreTLS: config.smtp.tls === 'none',
      ...(config.smtp.username ? { auth: { user: config.smtp.username, pass: config.smtp.password ?? '' } } : {}),
      connectionTimeout: ctx.timeoutMs,
      greetingTimeout: ctx.timeoutMs,
      socketTimeout: ctx.timeoutMs,
    });
    try {
      await transport.sendMail({
        from: config.from,
        to: config.to,
        subject: subject.trim(),
        text: payloads.map(textOf).join('\n\n----\n\n'),
        html: `<!doctype html><html><body style="font-family:sans-serif">${payloads.map(htmlOf).join('<hr>')}</body></html>`,
        // Stable across retries, so a mailbox can spot a repeat.
        messageId: `<${messages[0]!.webhookId}@notifychain>`,
      });
      return { ok: true };
    } catch (error) {
      const { code, message } = classify(error as SmtpError);
      return fail(code, message);
    } finally {
      transport.close();
    }
  },
};

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
}

function classify(error: SmtpError): { code: TargetErrorCode; message: string } {
  const detail = error.responseCode ? `SMTP ${error.responseCode}` : (error.code ?? 'SMTP error');
  const message = `${detail}${error.response ? `: ${error.response.slice(0, 200)}` : ''}`;
  if (error.code === 'EAUTH') return { code: 'target.rejected', message: `login refused (${message})` };
  if (error.responseCode && error.responseCode >= 500) return { code: 'target.rejected', message };
  if (error.code === 'ETIMEDOUT') return { code: 'target.timeout', message };
  return { code: 'target.unreachable', message };
}

function textOf(p: NotificationPayload): string {
  const lines = [p.title, p.text, '', ...p.fields.map((f) => `${f.name}: ${f.value}`), '', ...p.facts.map((f) => `${f.name}: ${f.value}`)];
  if (p.url) lines.push(`View transaction: ${p.url}`);
  return lines.join('\n');
}

function htmlOf(p: NotificationPayload): string {
  const colour = `#${p.colour.toString(16).padStart(6, '0')}`;
  const rows = [...p.fields, ...p.facts]
    .map((f) => `<tr><th align="left" style="padding-right:12px">${escapeHtml(f.name)}</th><td><code>${escapeHtml(f.value)}</code></td></tr>`)
    .join('');
  const link = p.url ? `<p><a href="${escapeHtml(p.url)}">View transaction</a></p>` : '';
  return `<div style="border-left:4px solid ${colour};padding-left:12px"><h2>${escapeHtml(p.title)}</h2><p>${escapeHtml(p.text)}</p><table>${rows}</table>${link}</div>`;
}
