/**
 * Hrana streams: baton and {@code base_url} tracking, serialised requests, pipelines that end with
 * {@code close}. One {@link dev.libsqljpa.hrana.session.HranaStream} maps to at most one server
 * stream.
 */
package dev.libsqljpa.hrana.session;
