// Our production app, with the benchmark's probe installed first (import order matters here).
import "./installProbe";
import "../../../src/main";
