/**
 * {@link dev.libsqljpa.testkit.proxy.HttpFaultProxy}: a loopback HTTP/1.1 forwarding proxy with exact
 * counters and scripted {@link dev.libsqljpa.testkit.proxy.Fault}s (dropped or reset connections, error
 * statuses, cut or malformed bodies, slow answers, refused connections) for the driver's fault tests.
 * See {@code docs/testkit.md}.
 */
package dev.libsqljpa.testkit.proxy;
