package network.aioz.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;

/** Renders the platform chart in-process with helm-java (Helm's own engine, no helm binary). */
final class Chart {

  static final String RELEASE = "aioz";
  static final String NAMESPACE = "aioz";

  private Chart() {}

  static Helm helm() {
    return new Helm(Repository.CHART);
  }

  static String render(String release, Path... valuesFiles) {
    TemplateCommand template = helm().template().withName(release).withNamespace(NAMESPACE);
    for (Path values : valuesFiles) {
      template = template.withValuesFile(values);
    }
    return template.call();
  }

  static String render(Path... valuesFiles) {
    return render(RELEASE, valuesFiles);
  }
}
