package dev.libsqljpa.testkit.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Baton codec as sqld does it: unpadded base64 of stream id (8 bytes) + sequence (8 bytes) +
 * HMAC-SHA256 of those 16 bytes (32 bytes), with a key chosen at server start, so a restart makes
 * every earlier baton invalid.
 */
final class Batons {

    /** A verified baton. */
    record Decoded(long streamId, long seq) {}

    private final SecretKeySpec key;

    Batons(SecureRandom random) {
        byte[] keyBytes = new byte[32];
        random.nextBytes(keyBytes);
        this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
    }

    String encode(long streamId, long seq) {
        ByteBuffer data = ByteBuffer.allocate(48);
        data.putLong(streamId).putLong(seq);
        data.put(mac(data.array(), 16));
        return Base64.getEncoder().withoutPadding().encodeToString(data.array());
    }

    /** Returns null for anything this server did not issue (bad base64, size or MAC). */
    Decoded decode(String baton) {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(baton);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (data.length != 48) {
            return null;
        }
        byte[] expected = mac(data, 16);
        byte[] received = new byte[32];
        System.arraycopy(data, 16, received, 0, 32);
        if (!MessageDigest.isEqual(expected, received)) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        return new Decoded(buffer.getLong(), buffer.getLong());
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
