/**
 * Footfall's wire contract: the records the server, the console and the load generator exchange,
 * with their JSON form (Jackson) and validation. A named module so the console's jlink image can
 * take it; the server and the tools put it on the class path, where this file is not read.
 */
module dev.footfall.model {
    requires transitive com.fasterxml.jackson.databind;

    exports dev.footfall.model;
    exports dev.footfall.model.stats;
    exports dev.footfall.model.v2;

    opens dev.footfall.model to com.fasterxml.jackson.databind;
    opens dev.footfall.model.stats to com.fasterxml.jackson.databind;
    opens dev.footfall.model.v2 to com.fasterxml.jackson.databind;
}
