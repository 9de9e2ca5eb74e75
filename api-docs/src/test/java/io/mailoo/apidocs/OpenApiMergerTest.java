package io.mailoo.apidocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class OpenApiMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode doc(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    private static ObjectNode info() {
        return MergeOpenApi.info("1", "test");
    }

    private static ObjectNode market() throws Exception {
        return doc("""
                {'openapi':'3.1.0','servers':[{'url':'http://gw'}],'security':[{'jwt':[]}],
                 'paths':{
                  '/api/v1/market/{i}/orders':{'post':{'operationId':'createOrder','security':[{'apiKey':[]}],
                    'tags':['Orders'],
                    'requestBody':{'content':{'application/json':{'schema':{'$ref':'#/components/schemas/OrderRequest'}}}},
                    'responses':{'201':{'description':'x','content':{'application/json':{'schema':{'$ref':'#/components/schemas/Order'}}}},
                                 '422':{'$ref':'#/components/responses/Invalid'}}}},
                  '/api/v1/projects/{p}/integrations/{i}/market/products':{'get':{'operationId':'listProducts','tags':['Products'],
                    'responses':{'200':{'description':'x','content':{'application/json':{'schema':{'$ref':'#/components/schemas/Product'}}}}}}}},
                 'components':{'schemas':{
                   'OrderRequest':{'type':'object','properties':{'buyer':{'$ref':'#/components/schemas/Buyer'}}},
                   'Buyer':{'type':'object'},'Order':{'type':'object'},
                   'Product':{'type':'object','properties':{'sku':{'type':'string'}}},
                   'Problem':{'type':'object','properties':{'code':{'type':'string'}}}},
                  'responses':{'Invalid':{'description':'x','content':{'application/problem+json':{'schema':{'$ref':'#/components/schemas/Problem'}}}}},
                  'securitySchemes':{'jwt':{'type':'http','scheme':'bearer'},'apiKey':{'type':'http','scheme':'bearer'}}},
                 'tags':[{'name':'Orders'},{'name':'Products'}]}
                """);
    }

    private static ObjectNode integration() throws Exception {
        return doc("""
                {'openapi':'3.1.0','servers':[{'url':'http://gw'}],
                 'paths':{'/api/v1/projects':{'post':{'operationId':'createProject','security':[{'jwt':[]}],
                    'responses':{'201':{'description':'x','content':{'application/json':{'schema':{'$ref':'#/components/schemas/Product'}}}}}}}},
                 'components':{'schemas':{
                   'Product':{'type':'object','properties':{'other':{'type':'integer'}}},
                   'Problem':{'type':'object','properties':{'code':{'type':'string'}}}},
                  'securitySchemes':{'jwt':{'type':'http','scheme':'bearer'}}}}
                """);
    }

    @Test
    void unitesPathsKeepsEqualComponentsOnceAndRenamesClashingOnes() throws Exception {
        ObjectNode merged = OpenApiMerger.merge(List.of(new OpenApiMerger.Source("market", market()),
                new OpenApiMerger.Source("integration", integration())), info());

        assertEquals(3, merged.path("paths").size());
        var schemas = merged.path("components").path("schemas");
        assertTrue(schemas.has("Problem"), "equal components are kept once under their name");
        assertFalse(schemas.has("Product"), "a clashing name is not kept as is");
        assertEquals("string", schemas.path("MarketProduct").path("properties").path("sku").path("type").asText());
        assertEquals("integer", schemas.path("IntegrationProduct").path("properties").path("other").path("type").asText());
        assertEquals("#/components/schemas/MarketProduct", merged.at(
                "/paths/~1api~1v1~1projects~1{p}~1integrations~1{i}~1market~1products/get/responses/200/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/IntegrationProduct", merged.at(
                "/paths/~1api~1v1~1projects/post/responses/201/content/application~1json/schema/$ref").asText());
        assertEquals("[{\"jwt\":[]}]", merged.at("/paths/~1api~1v1~1projects~1{p}~1integrations~1{i}~1market~1products/get/security").toString(),
                "a document's top-level security moves into its operations");
        assertTrue(merged.path("security").isMissingNode());
        assertEquals("http://gw", merged.at("/servers/0/url").asText());
        assertEquals(MergeOpenApi.TITLE, merged.at("/info/title").asText());
    }

    @Test
    void aPathInTwoDocumentsFailsTheMerge() throws Exception {
        ObjectNode other = integration();
        other.set("paths", market().get("paths").deepCopy());
        var e = assertThrows(MergeException.class, () -> OpenApiMerger.merge(List.of(
                new OpenApiMerger.Source("market", market()), new OpenApiMerger.Source("integration", other)), info()));
        assertTrue(e.getMessage().contains("/api/v1/market/{i}/orders"), e.getMessage());
    }

    @Test
    void anOperationIdInTwoDocumentsFailsTheMerge() throws Exception {
        ObjectNode other = integration();
        ((ObjectNode) other.at("/paths/~1api~1v1~1projects/post")).put("operationId", "createOrder");
        var e = assertThrows(MergeException.class, () -> OpenApiMerger.merge(List.of(
                new OpenApiMerger.Source("market", market()), new OpenApiMerger.Source("integration", other)), info()));
        assertTrue(e.getMessage().contains("operationId createOrder"), e.getMessage());
    }

    @Test
    void differentSecuritySchemesUnderOneNameOrDifferentServersFailTheMerge() throws Exception {
        ObjectNode other = integration();
        ((ObjectNode) other.at("/components/securitySchemes/jwt")).put("scheme", "basic");
        assertThrows(MergeException.class, () -> OpenApiMerger.merge(List.of(
                new OpenApiMerger.Source("market", market()), new OpenApiMerger.Source("integration", other)), info()));
        ObjectNode elsewhere = integration();
        elsewhere.putArray("servers").addObject().put("url", "http://other");
        assertThrows(MergeException.class, () -> OpenApiMerger.merge(List.of(
                new OpenApiMerger.Source("market", market()), new OpenApiMerger.Source("integration", elsewhere)), info()));
    }

    @Test
    void theIntegratorPartHasOnlyTheApiKeyRoutesAndWhatTheyReach() throws Exception {
        ObjectNode merged = OpenApiMerger.merge(List.of(new OpenApiMerger.Source("market", market()),
                new OpenApiMerger.Source("integration", integration())), info());

        ObjectNode part = IntegratorPart.of(merged, "apiKey", info());

        assertEquals(List.of("/api/v1/market/{i}/orders"), List.copyOf(part.path("paths").properties().stream().map(e -> e.getKey()).toList()));
        var components = part.path("components");
        assertEquals(List.of("Buyer", "Order", "OrderRequest", "Problem"),
                components.path("schemas").properties().stream().map(e -> e.getKey()).sorted().toList(),
                "schemas reached through $refs (transitively, through responses too) and nothing else");
        assertTrue(components.path("responses").has("Invalid"));
        assertEquals(List.of("apiKey"), components.path("securitySchemes").properties().stream().map(e -> e.getKey()).toList());
        assertEquals("[{\"name\":\"Orders\"}]", part.path("tags").toString());
        assertEquals(3, merged.path("paths").size(), "the merged document is left whole");
    }

    @Test
    void anUnknownIntegratorSchemeFailsRatherThanPublishingAnEmptyDocument() throws Exception {
        ObjectNode merged = OpenApiMerger.merge(List.of(new OpenApiMerger.Source("market", market())), info());
        assertThrows(MergeException.class, () -> IntegratorPart.of(merged, "apiToken", info()));
    }
}
