package dev.errand.bot.identity;

import dev.errand.agent.policy.Policy;
import dev.errand.agent.policy.PolicyFile;
import dev.errand.agent.policy.PolicyFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The policy read from a file, read again when the file's modification time or size changes. A file that cannot be
 * read or is refused at the first read stops the start ({@link PolicyFileException} or {@link IOException}); a bad
 * edit later is logged with its line and field and the policy in force stays.
 */
public final class PolicyReloader {
    private static final Logger LOG = Logger.getLogger(PolicyReloader.class);

    private final Path file;
    private volatile Policy current;
    private FileTime seenModified;
    private long seenSize;
    private volatile int refusedEdits;

    public PolicyReloader(Path file) throws IOException, PolicyFileException {
        this.file = Objects.requireNonNull(file, "file");
        this.seenModified = Files.getLastModifiedTime(file);
        this.seenSize = Files.size(file);
        this.current = read();
    }

    public Policy current() {
        return current;
    }

    /** Reads the file again if it changed; true when a new policy took effect. */
    public synchronized boolean reloadIfChanged() {
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            if (seenSize != -1) {
                LOG.warnf("the policy file %s cannot be read (%s); the policy in force stays", file,
                        e.getClass().getSimpleName());
                seenSize = -1;
            }
            return false;
        }
        if (modified.equals(seenModified) && size == seenSize) {
            return false;
        }
        seenModified = modified;
        seenSize = size;
        try {
            current = read();
            LOG.infof("the policy file %s changed: the new policy is in force", file);
            return true;
        } catch (PolicyFileException e) {
            refusedEdits++;
            LOG.errorf("refused the edited policy file, the policy in force stays: %s", e.getMessage());
        } catch (IOException e) {
            refusedEdits++;
            LOG.errorf("the policy file %s cannot be read (%s); the policy in force stays", file,
                    e.getClass().getSimpleName());
        }
        return false;
    }

    /** How many edits of the file were refused since the start. */
    public int refusedEdits() {
        return refusedEdits;
    }

    private Policy read() throws IOException, PolicyFileException {
        return PolicyFile.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }
}
