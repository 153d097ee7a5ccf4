package dev.libsqljpa.it.crud;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * Plain-text endpoints; failures answer with the exception chain's class names so tests can tell them apart:
 * 409 optimistic lock failure, 423 lock conflict (SQLITE_BUSY), 500 anything else.
 */
@Path("/items")
@RequestScoped
@Produces("text/plain")
@Consumes("text/plain")
public class ItemResource {

    @Inject
    ItemService items;

    @POST
    public Response create(String name) {
        return attempt(() -> items.create(name).describe());
    }

    @GET
    @Path("{id}")
    public Response find(@PathParam("id") long id) {
        return items.find(id)
                .map(item -> Response.ok(item.describe()).build())
                .orElse(Response.status(404).entity("no item " + id).build());
    }

    @PUT
    @Path("{id}")
    public Response rename(@PathParam("id") long id, @QueryParam("version") int version, String name) {
        return attempt(() -> items.rename(id, version, name).describe());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        return items.delete(id)
                ? Response.noContent().build()
                : Response.status(404).build();
    }

    @POST
    @Path("failing")
    public Response createThenFail(String name) {
        return attempt(() -> {
            items.createThenFail(name);
            return "unreachable";
        });
    }

    @GET
    @Path("count")
    public Response count(@QueryParam("name") String name) {
        return Response.ok(Long.toString(items.countByName(name))).build();
    }

    private static Response attempt(Supplier<String> action) {
        try {
            return Response.ok(action.get()).build();
        } catch (RuntimeException e) {
            StringBuilder chain = new StringBuilder();
            int status = 500;
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                chain.append(cause.getClass().getName())
                        .append(": ")
                        .append(cause.getMessage())
                        .append('\n');
                if (cause instanceof OptimisticLockException) {
                    status = 409;
                } else if (cause instanceof PessimisticLockException && status == 500) {
                    status = 423;
                }
            }
            return Response.status(status).entity(chain.toString()).build();
        }
    }
}
