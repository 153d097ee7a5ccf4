package dev.libsqljpa.it.support;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS activator shared by the test applications: resources under /api. */
@ApplicationPath("/api")
public class RestApplication extends Application {}
