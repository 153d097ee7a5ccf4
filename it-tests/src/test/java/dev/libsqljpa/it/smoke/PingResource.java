package dev.libsqljpa.it.smoke;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

@Path("/ping")
@ApplicationScoped
public class PingResource {

    @Inject
    Greeter greeter;

    @GET
    @Produces("text/plain")
    public String ping() {
        return greeter.greet("ping");
    }
}
