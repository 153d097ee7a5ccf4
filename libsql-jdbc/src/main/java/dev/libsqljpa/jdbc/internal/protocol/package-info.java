/**
 * The Hrana session of one JDBC connection. {@code Session} owns the server stream and plans each
 * request ({@code RequestPlan}, {@code PrefixSteps}); {@code TransactionState} and
 * {@code TransactionEnd} are the transaction state machine (a commit whose outcome is unknown is never
 * reported as success); {@code DeferredQueue} and {@code BatchExecution} hold inserts back so they ride
 * the next request; {@code UpdateCounts} derives counts per server kind; {@code StreamExchange} sends a
 * request, retrying once on a fresh stream when the old one expired holding nothing written;
 * {@code SessionLock} and {@code MinimalServerLock} serialize use of a connection and of a server that
 * has one engine connection. {@code ConnectionSettings} is the parsed URL and properties.
 * Uses {@code sql} and the driver's public API types.
 */
package dev.libsqljpa.jdbc.internal.protocol;
