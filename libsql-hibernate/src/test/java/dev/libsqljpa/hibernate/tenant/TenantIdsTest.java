package dev.libsqljpa.hibernate.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "0",
                "acme",
                "acme-eu-1",
                "x1-2-3",
                "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz01234567890"
            })
    void dnsLabelsAreAccepted(String id) {
        assertThat(TenantIds.requireValid(id)).describedAs("valid id %s", id).isEqualTo(id);
        assertThat(TenantIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "evil.com/x",
                "a..b",
                "../x",
                "A",
                "",
                "%2e",
                "-a",
                "a-",
                "a b",
                "a_b",
                "acme\u0430",
                "\uff41cme",
                "a\nb",
                "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm"
            })
    void everythingElseIsRefusedNamingTheRule(String id) {
        assertThat(TenantIds.isValid(id)).describedAs("valid? %s", id).isFalse();
        assertThatThrownBy(() -> TenantIds.requireValid(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid tenant id")
                .hasMessageContaining(TenantIds.RULE);
    }

    @Test
    void messagesEscapeControlAndLookAlikeCharacters() {
        assertThatThrownBy(() -> TenantIds.requireValid("acme\u0430\n"))
                .hasMessageContaining("'acme\\u0430\\u000a'")
                .hasMessageContaining("character U+0430 at index 4 is not allowed");
        assertThatThrownBy(() -> TenantIds.requireValid("x".repeat(64))).hasMessageContaining("it has 64 characters");
        assertThatThrownBy(() -> TenantIds.requireValid(null)).hasMessageStartingWith("Invalid tenant id: null (");
        assertThatThrownBy(() -> TenantIds.requireValid(42)).hasMessageContaining("a java.lang.Integer, not a String");
    }
}
