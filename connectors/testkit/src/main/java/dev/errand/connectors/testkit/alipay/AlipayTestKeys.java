package dev.errand.connectors.testkit.alipay;

/**
 * TEST-ONLY keys, never to be used anywhere real: the protocol page's vector key pair (the app's), and a
 * second fixed pair that plays the platform's, as the SDK refuses a platform key equal to the app key.
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
    /** The platform's private key (a second TEST-ONLY pair, made with OpenSSL for Errand's tests; PKCS#8 PEM). */
    public static final String PLATFORM_PRIVATE_PEM =
            "-----BEGIN PRIVATE KEY-----\n" +
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDkmFEpGibFy9PM\n" +
            "LVE9rfgMqnQRbIZMiOL0kapITxMRN46P1Em4FGEUaeYAssuj3mwNc2Vtsi3pfJYL\n" +
            "WBD0XlE3Z3d5ETdcH4KQA9iKJoJ8BrCLg3cxF/VrjBJKpCSM8smXK6k2ht1CyzZW\n" +
            "WpEVK6I/4hmXTnteLHjRRYaBuV8as8ercxYvMux0SqWVlr6MODv8UCqD1oG0gzmj\n" +
            "06ujt11+EifnEDxw40cGYKzsNsYyj/EpLVfvJQi2ZBeQn4QHWEkaZ5F/jZ+1UEHt\n" +
            "+aP8E4RT5ekBOb0zDwg383SDMte0NMePqU9aHltXDEy78aNQaBlzSGEZD5bboBhA\n" +
            "pSJdpoPbAgMBAAECggEAPS2knvbwRIR58Q15ziOWnLErshQU1zvVXbX0WDjNdhCj\n" +
            "10tt1VWi66cx1qMDTB51VZ46GYMTtYbR00Rk+Tmay9SljWG1qrKGK0vUMpj+1/mk\n" +
            "Wxo6lol+daN9q7tFSvGZURtuxHiQk9U1/CNt67gLSsSUq8Fl0/zb8soEJwi48riD\n" +
            "/QNbDKZ3KwQtjKislSDw+N40elwdAcgk+dEFFOvm3eOk1xVi/3C4d2GULZbGAi00\n" +
            "Uf8cK++AX2wyaK4DyYdgbWHu+8f+F+Oa/hbchl5FUvF1Ju5a9QQ3oTgaHn/iJ7B9\n" +
            "/L7KqxsZCgRieGFJIW0PSOm8FLTJXeScknER00OjuQKBgQD/ZsDa7ADuj9v/kj4b\n" +
            "zoPNbBySJSGgDMmvACamJlvrTCtfRGX8rd9zk3t9+eKVT8Dm/XUL6qEwSwfbDMcA\n" +
            "7xeTaUZ24cdNazN6Y9FXoVpN1TcwEBrcpPRzxmYBdpNvNIrJVV8Mc3X/3Y1Wyy1a\n" +
            "AKUhmlGul6aYwB57vssQwwVXQwKBgQDlIXqv2i31bzWuSKwVKpSehv020bJm84Zj\n" +
            "Lj8u/GP3OPczUZ6X4MtMaJjte5Y8GJzHnJ4750Uo86zV/WY0+JPvRJOM3EYFOfAE\n" +
            "Mj4nTq2C/Mb+Wl6cUKsU7CjjTYPKf/2Dk8HYNV4zvl3ULUxiFaV1w67V92kQhGfH\n" +
            "ETrbE8JbiQKBgQCTrNA6RVfMmPX18pNi9KgVMTvb7QhiSMKdI5M1YtynUuWJMj1e\n" +
            "OxMG+vHex4wSFYlOhqMU/tew2tFyARNYIOca3zZVKvtYcnHThL/Y0X0rn+tHKSi/\n" +
            "B8oo30C/+9YH6POOsoRA6MoD5hEBbH2OmuzgXyB3uUwk6oE1v/4edQUzjQKBgAPg\n" +
            "liflpENz90+UsTzGdK9eD2jfEYrGci65eJ497R8g2qYGqo1dY3NOjc/u+HLZ48VI\n" +
            "9DCFUFlKDlGssQ8SacZxvaFzlMe/3Dzl8MFPhoYh6ugg9Vrlzo9TE7oM9L73fX29\n" +
            "gVk8RfTQMtxFS/aY8SzV+95pCmEaLHtk4j8UzYQpAoGAL8dMvBAOKUOst6PQ/3Bu\n" +
            "u8rM7E95DryIebkxFqENSGiPuAPqbA5O67DGm4qHjQSQLVmfw6wag9bVQMvwBhNK\n" +
            "UK5GP+pwjuAhjvwjQw/pu+meCQrUVJ/fi6bD7Tq9pfzSZaqThDXd/F8uBuydC1eI\n" +
            "0L5yYgSHRRAW9Oun5uMFlAo=\n" +
            "-----END PRIVATE KEY-----\n";
    /** The platform's public key (X.509 PEM): what ERRAND_PAY_PLATFORM_PUBLIC_KEY holds in tests. */
    public static final String PLATFORM_PUBLIC_PEM =
            "-----BEGIN PUBLIC KEY-----\n" +
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA5JhRKRomxcvTzC1RPa34\n" +
            "DKp0EWyGTIji9JGqSE8TETeOj9RJuBRhFGnmALLLo95sDXNlbbIt6XyWC1gQ9F5R\n" +
            "N2d3eRE3XB+CkAPYiiaCfAawi4N3MRf1a4wSSqQkjPLJlyupNobdQss2VlqRFSui\n" +
            "P+IZl057Xix40UWGgblfGrPHq3MWLzLsdEqllZa+jDg7/FAqg9aBtIM5o9Oro7dd\n" +
            "fhIn5xA8cONHBmCs7DbGMo/xKS1X7yUItmQXkJ+EB1hJGmeRf42ftVBB7fmj/BOE\n" +
            "U+XpATm9Mw8IN/N0gzLXtDTHj6lPWh5bVwxMu/GjUGgZc0hhGQ+W26AYQKUiXaaD\n" +
            "2wIDAQAB\n" +
            "-----END PUBLIC KEY-----\n";

    private AlipayTestKeys() {
    }

    /** The platform's private key, bare base64 (PKCS#8), as the SDK takes keys. */
    public static String platformPrivateBase64() {
        return bare(PLATFORM_PRIVATE_PEM);
    }

    /** The platform's public key, bare base64 (X.509). */
    public static String platformPublicBase64() {
        return bare(PLATFORM_PUBLIC_PEM);
    }

    /** A PEM body without header lines, as the SDK takes keys. */
    public static String bare(String pem) {
        return pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
