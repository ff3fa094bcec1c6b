// Package mail is SynCloud's outgoing e-mail: an outbox in the database
// and a sender that delivers it over SMTP.
//
//	outbox := mail.NewOutbox(db, mail.OutboxOptions{Hold: smtpURL == ""})  // an auth.Mailer
//	smtp, err := mail.ParseSMTPURL("smtp://user:pass@host:587")           // or smtps:// (implicit TLS)
//	sender, err := mail.NewSender(db, smtp, mail.SenderOptions{From: ..., Unsubscribes: unsub})
//	go sender.Run(ctx)                                                     // returns when ctx ends
//
// Invariants a reader must know:
//
//   - Queueing never touches the network: Outbox.Enqueue (transactional
//     mail: invitations, password resets) and Outbox.Marketing only insert
//     a row into mail_outbox. The Sender claims due rows, delivers them and
//     records sent, a retry with exponential backoff, or failed after
//     MaxAttempts (at once for a permanent 5xx SMTP answer).
//   - Without an SMTP server (the embedded default) mail is stored as
//     held and never sent; platform administrators read it on the portal's
//     /admin/outbox page, so an invitation or reset link is never lost.
//   - Marketing mail goes only to a user whose marketing_opt_in is true:
//     checked when it is queued and again just before delivery. It carries
//     List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) with a signed
//     one-click URL (Unsubscribes) that turns the opt-in off.
//   - The Sender purges sent mail (and failed or held mail) older than
//     Retention (30 days by default), and password reset records a day
//     after they expired.
//   - Bodies and SMTP passwords are never logged; logs name a message by
//     its outbox ID.
package mail
