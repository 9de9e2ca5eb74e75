package env;

// Not a service: its literals are never answered.
class Env {
    String name = "SOME_VARIABLE_NAME";
}
