package dev.libsqljpa.it.blog;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

@Path("/blog")
@RequestScoped
@Produces("text/plain")
public class BlogResource {

    @Inject
    BlogOps ops;

    @POST
    @Path("seed")
    public String seed(@QueryParam("tag") String tag) {
        return ops.seed(tag);
    }

    @GET
    @Path("snapshot")
    public String snapshot() {
        return ops.snapshot();
    }
}
