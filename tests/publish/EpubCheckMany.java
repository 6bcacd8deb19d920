// Runs epubcheck on several books in one JVM (its start-up dominates the tests' run time).
// Usage: java -cp /usr/share/java/epubcheck.jar EpubCheckMany.java BOOK.epub...
// Prints epubcheck's messages, then one line per book: "RESULT <errors> <warnings> <path>".
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckMany {
    public static void main(String[] args) {
        for (String path : args) {
            DefaultReportImpl report = new DefaultReportImpl(path);
            new EpubCheck(new File(path), report).doValidate();
            System.out.println("RESULT " + (report.getErrorCount() + report.getFatalErrorCount())
                + " " + report.getWarningCount() + " " + path);
        }
    }
}
