package io.novacron.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditDigestTest {

    /** FIPS 180-2 / NIST example vectors, and one non-ASCII text checked with coreutils' sha256sum. */
    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            ''                                                       | e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            abc                                                      | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
            abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq | 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1
            The quick brown fox jumps over the lazy dog              | d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592
            héllo wörld €                                            | a3260bb658a2bce4e8e8b9cd613904a51582e107bd16c453b5530bd56be4937a
            """)
    void knownVectors(String text, String hex) {
        assertEquals("sha256:" + hex, AuditDigest.of(text));
    }

    @Test
    void noStateHasNoDigest() {
        assertNull(AuditDigest.of(null));
    }

    @Test
    void fitsTheDigestColumn() {
        assertEquals(71, AuditDigest.of("anything").length());
        assertNotEquals(AuditDigest.of("a"), AuditDigest.of("a "));
    }
}
