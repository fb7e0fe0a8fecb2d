package io.novacron.bench.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One server the harness writes to: its base URL and the HTTP Basic header for it. Each server of a local cluster
 * generates its own admin password, so credentials belong to the server, not to the run.
 *
 * @param base          e.g. {@code http://127.0.0.1:9080}
 * @param authorization the complete {@code Authorization} header value; kept out of {@link #toString()}
 */
public record Endpoint(URI base, String authorization) {

    /** Sent preemptively: waiting for a 401 challenge first would double every write's round trips. */
    public static Endpoint basic(URI base, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Endpoint(base, "Basic " + token);
    }

    /** Pairs every URL with its password: one password for all, or one per URL in the same order. */
    public static List<Endpoint> of(List<URI> urls, String user, List<String> passwords) {
        if (passwords.size() != 1 && passwords.size() != urls.size()) {
            throw new IllegalArgumentException(passwords.size() + " passwords for " + urls.size() + " URLs");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            endpoints.add(basic(urls.get(i), user, passwords.get(passwords.size() == 1 ? 0 : i)));
        }
        return endpoints;
    }

    /** Reads the passwords {@code source} names; {@code getenv} is {@link System#getenv(String)} outside tests. */
    public static List<String> passwords(LoadOptions.PasswordSource source, UnaryOperator<String> getenv)
        throws LoadFailure {
        if (source instanceof LoadOptions.PasswordSource.Env env) {
            String value = getenv.apply(env.variable());
            if (value == null || value.isEmpty()) {
                throw new LoadFailure("environment variable " + env.variable() + " (--password-env) is not set");
            }
            return List.of(value);
        }
        List<String> passwords = new ArrayList<>();
        for (Path file : ((LoadOptions.PasswordSource.Files) source).paths()) {
            passwords.add(readPassword(file));
        }
        return passwords;
    }

    private static String readPassword(Path file) throws LoadFailure {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new LoadFailure("password file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new LoadFailure("password file " + file + " is not readable by this user");
        } catch (IOException e) {
            throw new LoadFailure("cannot read password file " + file + ": " + e.getMessage());
        }
        // Files written by hand or by echo end with a newline that is not part of the password.
        String password = text.replaceAll("[\r\n]+$", "");
        if (password.isEmpty()) throw new LoadFailure("password file " + file + " is empty");
        if (password.contains("\n")) throw new LoadFailure("password file " + file + " holds more than one line");
        return password;
    }

    public URI resolve(String path) {
        return URI.create(base + path);
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
