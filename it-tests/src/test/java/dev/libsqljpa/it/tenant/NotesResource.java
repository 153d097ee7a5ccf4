package dev.libsqljpa.it.tenant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/** {@code /api/tenants/{tenant}/notes}: the tenant comes from the URL, as in a real multi-tenant service. */
@Path("/tenants/{tenant}/notes")
@RequestScoped
@Produces("text/plain")
@Consumes("text/plain")
public class NotesResource {

    @Inject
    NoteService notes;

    @POST
    public Response add(@PathParam("tenant") String tenant, String text) {
        return attempt(tenant, () -> Long.toString(notes.add(text)));
    }

    @POST
    @Path("failing")
    public Response addThenFail(@PathParam("tenant") String tenant, String text) {
        return attempt(tenant, () -> {
            notes.addThenFail(text);
            return "unreachable";
        });
    }

    @GET
    public Response list(@PathParam("tenant") String tenant) {
        return attempt(tenant, () -> String.join(",", notes.texts()));
    }

    /** 200 with the result, or 500 with the exception chain (class: message per line). */
    private static Response attempt(String tenant, Supplier<String> action) {
        try {
            return Response.ok(RequestTenant.as(tenant, action)).build();
        } catch (RuntimeException e) {
            StringBuilder chain = new StringBuilder();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                chain.append(cause.getClass().getName())
                        .append(": ")
                        .append(cause.getMessage())
                        .append('\n');
            }
            return Response.status(500).entity(chain.toString()).build();
        }
    }
}
