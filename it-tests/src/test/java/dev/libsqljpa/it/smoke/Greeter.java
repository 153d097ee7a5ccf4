package dev.libsqljpa.it.smoke;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class Greeter {

    public String greet(String word) {
        return "pong to " + word;
    }
}
