package network.aioz.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

class ProblemResponsesTests {

  @RestController
  static class Things {

    @GetMapping("/things/{id}")
    String thing(@PathVariable String id) {
      switch (id) {
        case "missing" -> throw ApiProblem.notFound("thing " + id);
        case "replayed" ->
            throw new ApiProblem(
                HttpStatus.CONFLICT,
                "heartbeat-replayed",
                "Heartbeat replayed",
                "sequence 3 is not after 5",
                Map.of("lastSequence", 5));
        case "foreign" ->
            throw new ApiProblem(
                HttpStatus.UNPROCESSABLE_CONTENT, "https://example.org/p/x", "X", "foreign type");
        case "broken" -> throw new IllegalStateException("database password is hunter2");
        default -> {
          return id;
        }
      }
    }

    @PostMapping(path = "/things", consumes = MediaType.APPLICATION_JSON_VALUE)
    String create(@RequestBody Map<String, Object> body) {
      return "ok";
    }
  }

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new Things())
          .setControllerAdvice(
              new ProblemResponses(ProblemResponses.typeBase(null, "ledger-service")))
          .build();

  @Test
  void aRefusalIsAProblemWithTheServicesTypeUri() throws Exception {
    mvc.perform(get("/things/replayed"))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.type").value("https://aioz.network/problems/ledger/heartbeat-replayed"))
        .andExpect(jsonPath("$.status").value(409))
        .andExpect(jsonPath("$.title").value("Heartbeat replayed"))
        .andExpect(jsonPath("$.detail").value("sequence 3 is not after 5"))
        .andExpect(jsonPath("$.instance").value("/things/replayed"))
        .andExpect(jsonPath("$.lastSequence").value(5));

    mvc.perform(get("/things/missing"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://aioz.network/problems/ledger/not-found"))
        .andExpect(jsonPath("$.detail").value("thing missing does not exist"));
  }

  @Test
  void anAbsoluteTypeIsKeptAsItIs() throws Exception {
    mvc.perform(get("/things/foreign"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.type").value("https://example.org/p/x"));
  }

  @Test
  void anUnexpectedErrorIsA500WithoutInternals() throws Exception {
    String body =
        mvc.perform(get("/things/broken"))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.title").value("Internal error"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(body).doesNotContain("hunter2").doesNotContain("IllegalStateException");
  }

  @Test
  void springMvcsOwnErrorsAreProblemsToo() throws Exception {
    mvc.perform(post("/things").contentType(MediaType.TEXT_PLAIN).content("hello"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(415));
    mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{not json"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void theTypeBaseComesFromTheSettingOrTheApplicationName() {
    assertThat(ProblemResponses.typeBase("", "ledger-service"))
        .isEqualTo(URI.create("https://aioz.network/problems/ledger/"));
    assertThat(ProblemResponses.typeBase(null, "proof-service"))
        .isEqualTo(URI.create("https://aioz.network/problems/proof/"));
    assertThat(ProblemResponses.typeBase(" ", "billing"))
        .isEqualTo(URI.create("https://aioz.network/problems/billing/"));
    assertThat(ProblemResponses.typeBase(null, null))
        .isEqualTo(URI.create("https://aioz.network/problems/service/"));
    assertThat(ProblemResponses.typeBase("https://docs.example/errors", "ledger-service"))
        .isEqualTo(URI.create("https://docs.example/errors/"));
    assertThatThrownBy(() -> new ProblemResponses(URI.create("problems/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProblemResponses(URI.create("https://x.example/problems")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
