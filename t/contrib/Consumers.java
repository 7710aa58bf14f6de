// What Jenkins Warnings NG's GCC (gcc4) and clang-tidy parsers read in a
// bclint report: their published regular expressions and line handling
// (analysis-model's LookaheadParser, Gcc4CompilerParser, ClangTidyParser),
// run with Java's regular expressions.  Recent versions of the GCC parser
// also drop an issue whose message ends in a clang-tidy style "[check]"
// with no "[-W...]", leaving it to the clang-tidy parser: that step is not
// modelled, since it drops every finding without notes whatever the
// snapshot holds.
// java Consumers.java REPORT OUTDIR
// Writes OUTDIR/got.gcc4 and got.clangtidy: FILE LINE COLUMN SEVERITY
// [CATEGORY], tab-separated, one per issue; "directory DIR" for each line
// taken as a change of directory.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Consumers {
	// An Ant task's "[javac]" prefix, allowed before every issue.
	static final String ANT_TASK = "^(?:.*\\[[^]]*\\])?\\s*";
	static final Pattern GCC4 = Pattern.compile(ANT_TASK
		+ "(.+?):(\\d+):(?:(\\d+):)? ?([wW]arning|.*[Ee]rror|[Nn]ote): (.*)$");
	static final Pattern CLANG_TIDY = Pattern.compile("(?:clang-tidy\\S* (?:-\\S+ )*|)"
		+ "((.+):(\\d+):(\\d+): |)(warning|error): (.*?) \\[([^\\s]*?)\\]$");
	static final Pattern MAKE_PATH =
		Pattern.compile(".*make(?:\\[\\d+])?: Entering directory [`'](?<dir>.*)['`]");
	static final int MAX_LINE_LENGTH = 4000;

	interface Parser {
		boolean interesting(String line);
		// The issue of a matching line, or null; may consume following lines.
		String issue(Matcher m, Lines rest);
		Pattern pattern();
	}

	static final class Lines {
		final List<String> all;
		int next;
		Lines(List<String> all) { this.all = all; }
		boolean hasNext() { return next < all.size(); }
		String peek() { return all.get(next); }
		String take() { return all.get(next++); }
	}

	static boolean containsAny(String s, String... words) {
		String lower = s.toLowerCase();
		for (String w : words)
			if (lower.contains(w.toLowerCase()))
				return true;
		return false;
	}

	// Gcc4CompilerParser: lines after an issue that look like no
	// diagnostic of their own continue its message.
	static boolean continuation(String peek) {
		if (peek.length() < 3)
			return false;
		char c = peek.charAt(0);
		if (c == '/' || c == '[' || c == '<' || c == '=' || peek.charAt(1) == ':')
			return false;
		if (peek.charAt(2) == '/' || c == '\\')
			return false;
		return !containsAny(peek, "arning", "rror", "make");
	}

	static final Parser GCC = new Parser() {
		public Pattern pattern() { return GCC4; }
		public boolean interesting(String l) {
			return (l.contains("arning") || l.contains("rror") || l.contains("note:"))
				&& !l.contains("[javac]");
		}
		public String issue(Matcher m, Lines rest) {
			if (m.group(4).equalsIgnoreCase("note"))
				return null;
			while (rest.hasNext() && continuation(rest.peek()))
				rest.take();
			String level = m.group(4).toLowerCase().contains("rror") ? "error" : "warning";
			return m.group(1) + "\t" + m.group(2) + "\t" + m.group(3) + "\t" + level;
		}
	};

	static final Parser TIDY = new Parser() {
		public Pattern pattern() { return CLANG_TIDY; }
		public boolean interesting(String l) { return l.length() < MAX_LINE_LENGTH; }
		public String issue(Matcher m, Lines rest) {
			String level = m.group(5).contains("error") ? "error" : "warning";
			return m.group(2) + "\t" + m.group(3) + "\t" + m.group(4) + "\t" + level + "\t"
				+ m.group(7);
		}
	};

	// LookaheadParser.parse: directory lines first, then the pattern.
	static List<String> parse(Parser p, List<String> report) {
		List<String> got = new ArrayList<>();
		Lines lines = new Lines(report);
		while (lines.hasNext()) {
			String line = lines.take();
			if (line.contains("Entering directory")) {
				Matcher d = MAKE_PATH.matcher(line);
				got.add("directory\t" + (d.matches() ? d.group("dir") : "(parse error)"));
			} else if (line.contains("Leaving directory")) {
				got.add("directory\t(left)");
			} else if (line.contains("-- Build files have")) {
				got.add("directory\t(cmake)");
			} else if (p.interesting(line)) {
				Matcher m = p.pattern().matcher(line);
				if (m.find()) {
					String issue = p.issue(m, lines);
					if (issue != null)
						got.add(issue);
				}
			}
		}
		return got;
	}

	public static void main(String[] args) throws IOException {
		// Java's readers split at CR and LF (not at U+2028 or U+0085).
		List<String> report = new ArrayList<>();
		for (String l : Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)
			     .split("\r\n|\r|\n"))
			if (!l.isEmpty())
				report.add(l);
		Files.write(Path.of(args[1], "got.gcc4"), parse(GCC, report), StandardCharsets.UTF_8);
		Files.write(Path.of(args[1], "got.clangtidy"), parse(TIDY, report),
			StandardCharsets.UTF_8);
	}
}
