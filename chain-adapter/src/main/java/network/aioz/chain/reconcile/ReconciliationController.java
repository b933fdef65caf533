package network.aioz.chain.reconcile;

import network.aioz.shared.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The latest reconciliation report (it compares public chain data only). */
@RestController
class ReconciliationController {

  private final Reconciler reconciler;

  ReconciliationController(Reconciler reconciler) {
    this.reconciler = reconciler;
  }

  @GetMapping("/v1/chain/reconciliation")
  Reconciler.Report latest() {
    return reconciler.latest().orElseThrow(() -> ApiProblem.notFound("a reconciliation report"));
  }
}
