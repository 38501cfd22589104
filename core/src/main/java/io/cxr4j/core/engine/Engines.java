package io.cxr4j.core.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the engines on the classpath and picks one.
 *
 * <p>Engines are found with {@link ServiceLoader} as {@link EngineProvider}s; those that are not
 * {@linkplain EngineProvider#isAvailable() available} here are left out. The choice, in order of
 * precedence: an explicit name, the system property {@value #PROPERTY}, the environment variable
 * {@value #ENV}. With none of those, a single engine on the classpath is used; with several, the
 * one of highest {@linkplain EngineProvider#rank() rank}, then the first by name. The choice and why
 * it was made are logged.
 */
public final class Engines {

    /** System property that names the engine to use. */
    public static final String PROPERTY = "cxr4j.engine";
    /** Environment variable that names the engine to use. */
    public static final String ENV = "CXR4J_ENGINE";
    /**
     * The engines cxr4j itself publishes, each as artifact {@code io.cxr4j:cxr4j-engine-<name>}: only
     * for messages that name the artifact to add when a requested engine is missing, and tell a
     * misspelled name from one. Discovery and choice never read it.
     */
    private static final List<String> PUBLISHED_ENGINES = List.of("pytorch", "tensorflow");

    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

    private final List<CxrEngine> engines;
    private final Function<String, String> properties;
    private final Function<String, String> environment;

    Engines(List<EngineProvider> providers, Function<String, String> properties,
            Function<String, String> environment) {
        List<CxrEngine> usable = new ArrayList<>();
        for (EngineProvider provider : providers) {
            if (provider.isAvailable()) {
                usable.add(CxrEngine.of(provider));
            } else {
                LOG.warn("Engine '{}' is on the classpath but cannot run here (its classes or native library are"
                        + " missing); leaving it out. Add the complete {} with its runtime dependencies to use it.",
                        provider.name(), provider.artifactId());
            }
        }
        usable.sort(Comparator.comparing(CxrEngine::name));
        this.engines = List.copyOf(usable);
        this.properties = properties;
        this.environment = environment;
    }

    /** @return the usable engines found by {@link ServiceLoader} with this class's class loader */
    public static Engines discover() {
        List<EngineProvider> found = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class, Engines.class.getClassLoader()).forEach(found::add);
        return new Engines(found, System::getProperty, System::getenv);
    }

    /**
     * Picks the engine as described in the class documentation.
     *
     * @return the engine to use
     * @throws EngineNotFoundException when no engine, or not the requested one, is present
     */
    public static CxrEngine select() {
        return discover().choose(null);
    }

    /**
     * Picks the named engine, or as described in the class documentation when {@code name} is
     * null or blank.
     *
     * @param name an engine name such as {@code pytorch}, or null
     * @return the engine to use
     * @throws EngineNotFoundException when no engine, or not the requested one, is present
     */
    public static CxrEngine select(String name) {
        return discover().choose(name);
    }

    /** @return the usable engines found, sorted by name */
    public List<CxrEngine> available() {
        return engines;
    }

    /**
     * Picks an engine from those found.
     *
     * @param explicitName a name given directly, or null
     * @return the chosen engine
     * @throws EngineNotFoundException when no engine, or not the requested one, is present
     */
    public CxrEngine choose(String explicitName) {
        if (engines.isEmpty()) {
            throw new EngineNotFoundException("No cxr4j engine is on the classpath. Add the "
                    + "dependency io.cxr4j:cxr4j-engine-pytorch (or io.cxr4j:cxr4j-engine-tensorflow)"
                    + " to your project, next to io.cxr4j:cxr4j-core.");
        }
        Optional<Request> request = Optional.ofNullable(blankToNull(explicitName))
                .map(n -> new Request(n, "name"))
                .or(() -> Optional.ofNullable(blankToNull(properties.apply(PROPERTY)))
                        .map(n -> new Request(n, "system property -D" + PROPERTY)))
                .or(() -> Optional.ofNullable(blankToNull(environment.apply(ENV)))
                        .map(n -> new Request(n, "environment variable " + ENV)));
        if (request.isPresent()) {
            CxrEngine engine = named(request.get().name()).orElseThrow(() -> new EngineNotFoundException(
                    "Engine '" + request.get().name() + "' was requested by " + request.get().origin()
                            + " but is not on the classpath (found: " + names() + "). "
                            + howToGet(request.get().name()) + ", or request one of " + names() + "."));
            LOG.info("Using engine '{}', requested by {} (available: {})",
                    engine.name(), request.get().origin(), names());
            return engine;
        }
        if (engines.size() == 1) {
            CxrEngine only = engines.get(0);
            LOG.info("Using engine '{}', the only one on the classpath", only.name());
            return only;
        }
        CxrEngine chosen = engines.stream().max(Comparator.comparingInt(CxrEngine::rank)
                .thenComparing(CxrEngine::name, Comparator.reverseOrder())).orElseThrow();
        LOG.info("Using engine '{}', the highest ranked among {}; choose another with -D{} or {}",
                chosen.name(), names(), PROPERTY, ENV);
        return chosen;
    }

    /**
     * The engine with a given name, for loading a model written by that engine.
     *
     * @param name the engine name recorded in a model's manifest
     * @return the engine
     * @throws EngineNotFoundException when that engine is not on the classpath
     */
    public CxrEngine require(String name) {
        return named(name).orElseThrow(() -> {
            boolean convertible = !engines.isEmpty()
                    && PUBLISHED_ENGINES.contains(name.trim().toLowerCase(Locale.ROOT));
            String target = convertible ? engines.get(0).name() : null;
            return new EngineNotFoundException("This model was made by the '" + name + "' engine, which is not on"
                    + " the classpath (found: " + names() + "). " + howToGet(name) + (convertible
                            ? ", or convert the model for " + target + " once, with both engines on the classpath"
                                    + " (ModelConverter.convert with target engine '" + target + "')."
                            : "."), target);
        });
    }

    /** Names the artifact of an engine cxr4j publishes; any other name is most likely a typo. */
    private static String howToGet(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (PUBLISHED_ENGINES.contains(lower)) {
            return "Add the dependency io.cxr4j:cxr4j-engine-" + lower;
        }
        return "'" + name + "' is not an engine cxr4j publishes (those are " + PUBLISHED_ENGINES
                + "): check the spelling, add a third-party engine's jar to the classpath";
    }

    private Optional<CxrEngine> named(String name) {
        return engines.stream().filter(e -> e.name().equalsIgnoreCase(name.trim())).findFirst();
    }

    private String names() {
        return engines.stream().map(CxrEngine::name).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private record Request(String name, String origin) {}
}
