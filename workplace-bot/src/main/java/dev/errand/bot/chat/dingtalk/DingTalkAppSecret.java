package dev.errand.bot.chat.dingtalk;

import dev.errand.bot.config.ErrandConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * The DingTalk robot's AppSecret: {@code ERRAND_DINGTALK_APP_SECRET} when set; otherwise a random one
 * kept in {@code <data-dir>/dingtalk-app-secret} (owner-only), so the embedded default accepts callbacks
 * signed by {@code scripts/dingtalk-callback.sh} without any setup. Its value is never logged.
 */
@Startup
@ApplicationScoped
public class DingTalkAppSecret {
    private static final Logger LOG = Logger.getLogger(DingTalkAppSecret.class);
    static final String FILE_NAME = "dingtalk-app-secret";

    private final String value;

    @Inject
    public DingTalkAppSecret(ErrandConfig config) {
        this.value = config.dingtalk().appSecret().filter(s -> !s.isBlank())
                .orElseGet(() -> generated(config.dataDir().resolve(FILE_NAME)));
    }

    String value() {
        return value;
    }

    private static String generated(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the default permissions
            }
            LOG.infof("ERRAND_DINGTALK_APP_SECRET is not set: generated a DingTalk app secret in %s", file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the DingTalk app secret file " + file, e);
        }
    }
}
