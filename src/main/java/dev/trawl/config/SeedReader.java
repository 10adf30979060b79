package dev.trawl.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads seed URLs from a seed file and from command-line arguments.
 *
 * <p>A seed file is UTF-8 text (a leading byte-order mark is ignored) with one URL per line; LF and
 * CRLF line ends both work. Surrounding whitespace is trimmed, blank lines are ignored, and {@code #}
 * starts a comment when it begins a line or follows whitespace ({@code https://a.test/ # news}); a
 * {@code #} inside a URL is its fragment. A line that is not an absolute http(s) URL with a host is
 * skipped and reported as a {@link SeedProblem}. Repeated URLs are kept once, at their first place.
 *
 * <p>Stateless and thread-safe.
 */
public final class SeedReader {

    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s#.*");
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final int PROBLEMS_IN_MESSAGE = 5;

    private SeedReader() {}

    /**
     * Reads {@code file}.
     *
     * @throws ConfigException if the file is missing, unreadable or not UTF-8, or yields no usable
     *     URL: {@code seeds/x.txt: no usable seed URL (12 lines, 2 rejected)}, followed by the first
     *     problems, one per line
     */
    public static Seeds read(Path file) {
        List<String> lines = lines(file);
        List<String> urls = new ArrayList<>();
        List<SeedProblem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = TRAILING_COMMENT.matcher(lines.get(i)).replaceFirst("").strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            collect(text, Optional.of(file), i + 1, urls, problems);
        }
        Seeds seeds = new Seeds(urls, problems);
        if (seeds.isEmpty()) {
            throw new ConfigException(Optional.of(file), "", file + ": no usable seed URL ("
                    + lines.size() + " lines, " + problems.size() + " rejected)" + listed(problems));
        }
        return seeds;
    }

    /**
     * Checks seeds given as command-line arguments, each taken whole (no comments). Bad ones are
     * reported as {@code argument N} problems, counting from 1; this never throws.
     */
    public static Seeds fromArguments(List<String> arguments) {
        List<String> urls = new ArrayList<>();
        List<SeedProblem> problems = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            collect(arguments.get(i).strip(), Optional.empty(), i + 1, urls, problems);
        }
        return new Seeds(urls, problems);
    }

    /**
     * The seeds of a run: {@code file}'s, if given, then the arguments', duplicates kept once.
     *
     * @throws ConfigException as {@link #read(Path)} for the file, or if there is no usable URL at all
     */
    public static Seeds read(Optional<Path> file, List<String> arguments) {
        Seeds fromFile = file.map(SeedReader::read).orElse(new Seeds(List.of(), List.of()));
        Seeds all = fromFile.plus(fromArguments(arguments));
        if (all.isEmpty()) {
            throw new ConfigException(Optional.empty(), "", "no usable seed URL (" + arguments.size()
                    + " arguments, " + all.problems().size() + " rejected; give a seed file or URLs)"
                    + listed(all.problems()));
        }
        return all;
    }

    private static void collect(
            String text, Optional<Path> file, int line, List<String> urls, List<SeedProblem> problems) {
        if (text.isEmpty()) {
            problems.add(new SeedProblem(file, line, text, "empty"));
            return;
        }
        SeedUrls.problemWith(text).ifPresentOrElse(
                reason -> problems.add(new SeedProblem(file, line, text, reason)),
                () -> urls.add(text));
    }

    private static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(Optional.of(file), "", "seed file not found: " + file);
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException(Optional.of(file), "", file + ": not UTF-8 text (save it as UTF-8)", e);
        } catch (IOException e) {
            throw new ConfigException(Optional.of(file), "", file + ": cannot read: " + e.getMessage(), e);
        }
        if (!content.isEmpty() && content.charAt(0) == BYTE_ORDER_MARK) {
            content = content.substring(1);
        }
        return content.lines().toList();
    }

    private static String listed(List<SeedProblem> problems) {
        String shown = problems.stream()
                .limit(PROBLEMS_IN_MESSAGE)
                .map(p -> "\n  " + p)
                .collect(Collectors.joining());
        int more = problems.size() - PROBLEMS_IN_MESSAGE;
        return more > 0 ? shown + "\n  (and " + more + " more)" : shown;
    }
}
