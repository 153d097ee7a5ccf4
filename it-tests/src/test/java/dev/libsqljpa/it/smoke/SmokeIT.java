package dev.libsqljpa.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.it.support.Http;
import dev.libsqljpa.it.support.RestApplication;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The container infrastructure itself: the managed server starts, takes a WAR and serves CDI + JAX-RS. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SmokeIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "smoke.war")
                .addClasses(RestApplication.class, PingResource.class, Greeter.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @ArquillianResource
    URL base;

    @Test
    void restEndpointAnswersThroughCdiBean() {
        Http.Response response = new Http(base).get("api/ping");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pong to ping");
    }
}
