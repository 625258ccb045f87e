package dev.errand.connectors.payments.alipay;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * TEST-ONLY keys: the protocol page's vector key pair (the app's), and a second pair generated once per JVM
 * that plays the platform's, as the SDK refuses a platform key equal to the app key.
 */
public final class AlipayTestKeys {
    /** The app's private key from the protocol page (PKCS#8 PEM). */
    public static final String APP_PRIVATE_PEM =
            "-----BEGIN PRIVATE KEY-----\n" +
            "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDfYB4kuxvx9Fhl\n" +
            "3RV3O4Bo7MGYDNfUMA9rIvugbTnwTSpAvN0vlV/v2unbmOwIMORmZ9VJiZJNB3pc\n" +
            "8KDB8CczVmNd1NFfpzWqEhB6+pc0r7+sqtiy9VNfD5y/ww2GQiIL0Dd1hEbRWmVC\n" +
            "836kgyetVVNmaih/e79zvYxwmK3/aRQ5O9xYlN1Pz88zrpZcq1Cd1k6qgO3ehDxb\n" +
            "glo98Qu/XBnqKM1YWRg4TuKq/O7ebN+5Q+ybHhDXyihFc9pWqtXrRHOftiuDPtbY\n" +
            "35Q8RDdDUgU6oanC7ed53NcS9EDmTHl9F5bZXXDo6PLTZz5cMpTAIypY9Vy5drgw\n" +
            "MlxkHiFjAgMBAAECggEAP05AzL0git5qjRfupPd+iX4L0blWE6M5Q25LLOi3wmRE\n" +
            "JMvBzeICKfp7S4qX3ixpFqK3vlsYVO9ZHOzvSndyzKhfifCuE/NSEKyE8i2B2+Mx\n" +
            "KdDTkEhZw/erP2eatiGY/4sXpJ0D6wI475QNoLcw7/1eIQjWCGc8V6NxIVoL+fW4\n" +
            "r9+GgfxW5dX6t+GZBUJV5YzW+hGV5qZH2SNWew3F3Do0QmEkzJY7/f9vUn6P4kaB\n" +
            "gbFH9r3XysuuqF6uxYcrXEGLcIWArit1akNz67HlYS/b1gl1FuROWmDfVayPFabq\n" +
            "S/m6HHV9vV4V82ZOMZyDfSlFkvGGsA55hgUm5s7gjQKBgQD3WhVEXX0khklfZNfz\n" +
            "ZGeUKjYfPtB+7p425AMlbGVVyOXLN4QTjDgf7pp5b0+gebCMS/62wPnsnjiQb2bm\n" +
            "QuG5EDH1c2vTVuir7KJV3vxzuJYcFa5Hq/eSZlqnhsxwv7papuJqOa1Ro7be+ReF\n" +
            "DQ3HeF/nBE4lwuMzFP0ijkmk/wKBgQDnL28rjJiIfutF436x7ShMfIT6ITDYBBvg\n" +
            "9qLnIbfqEBH5QyPDDnITR2Piy0AATsYZ4TdumMOJEuFGEv6jQ6JlyHWhwMwG0PIr\n" +
            "lpYLojuSWVbN/HkAYGur0wj7NmYPkE7DZPj2NKPqHGSp+KwI5M+0KkbzP36pv12r\n" +
            "GXK6IrcPnQKBgFv5aikGnk7jhArto4MEVaN5YrCRmdNpBPmiJS1YNgIE9rVuyjS+\n" +
            "kewFu/jlk/U26pfwdiEcdpIubxf95IRAYFCBHiKHrZNjIJc1IVPO245oF6EPysMp\n" +
            "xZ/xYUojzIcsM64bmdsn4TOXLZuRgdZeeT4vm3F6X1iZNAQ9jLa5s9afAoGBAJ4Q\n" +
            "CGo2DnQEkseN6ymrhEoHOMPrvYF0DbuZ5XcxzpTxt9g8106dqdEUlm6RmIidU0SO\n" +
            "f1/WgppNlkha5E6sB3Sfwg19zAE9CtZSdvQtT52YB4l+fRyM0BECkLlxUAaEG9Xs\n" +
            "S2vKQefm0cyEgNrz1i7QWQIm/2r/tAMvuwkYgyDhAoGBAJ3L/ilWfEBtkvvPGyxJ\n" +
            "2RZ59o90B2Yqh5XL5vHfxFjHzGkzuVjp0aACvJk82IQTIjDQpC6dBfzFzGoKCGmX\n" +
            "3aq9tFsCStyOaAO6Ld7hkH2tTAg+yeivW2jYBWo0zroMAAwx8XO/8NOALAdyR9Q2\n" +
            "vYQ/STDUUuKfMSn8+Zdg/Xra\n" +
            "-----END PRIVATE KEY-----\n";
    /** The app's public key from the protocol page (X.509 PEM). */
    public static final String APP_PUBLIC_PEM =
            "-----BEGIN PUBLIC KEY-----\n" +
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA32AeJLsb8fRYZd0VdzuA\n" +
            "aOzBmAzX1DAPayL7oG058E0qQLzdL5Vf79rp25jsCDDkZmfVSYmSTQd6XPCgwfAn\n" +
            "M1ZjXdTRX6c1qhIQevqXNK+/rKrYsvVTXw+cv8MNhkIiC9A3dYRG0VplQvN+pIMn\n" +
            "rVVTZmoof3u/c72McJit/2kUOTvcWJTdT8/PM66WXKtQndZOqoDt3oQ8W4JaPfEL\n" +
            "v1wZ6ijNWFkYOE7iqvzu3mzfuUPsmx4Q18ooRXPaVqrV60Rzn7Yrgz7W2N+UPEQ3\n" +
            "Q1IFOqGpwu3nedzXEvRA5kx5fReW2V1w6Ojy02c+XDKUwCMqWPVcuXa4MDJcZB4h\n" +
            "YwIDAQAB\n" +
            "-----END PUBLIC KEY-----\n";
    private static final KeyPair PLATFORM = generate();

    private AlipayTestKeys() {
    }

    /** The platform's private key, bare base64 (PKCS#8), as the SDK takes keys. */
    public static String platformPrivateBase64() {
        return Base64.getEncoder().encodeToString(PLATFORM.getPrivate().getEncoded());
    }

    /** The platform's public key, bare base64 (X.509). */
    public static String platformPublicBase64() {
        return Base64.getEncoder().encodeToString(PLATFORM.getPublic().getEncoded());
    }

    /** A PEM body without header lines, as the SDK takes keys. */
    public static String bare(String pem) {
        return pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
