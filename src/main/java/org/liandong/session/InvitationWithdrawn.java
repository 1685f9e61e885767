package org.liandong.session;

/**
 * Fired with CDI inside the transaction that withdraws a person's invitation or cancels the whole
 * session (then once per invited person). The room disconnects that person; observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} so that a rolled-back change disconnects nobody.
 */
public record InvitationWithdrawn(long sessionId, long personId) {}
