// The API reference page (/api/docs/): Swagger UI, bundled from the npm package (no CDN), showing the documents the
// gateway serves. "Try it out" calls the gateway itself (same origin); a token goes in "Authorize", never stored.
import 'swagger-ui-dist/swagger-ui.css';
import SwaggerUIBundle from 'swagger-ui-dist/swagger-ui-bundle.js';
import SwaggerUIStandalonePreset from 'swagger-ui-dist/swagger-ui-standalone-preset.js';

export const API_DOCUMENTS = [
  { url: '/api/openapi.json', name: 'Mailoo API (every route)' },
  { url: '/api/openapi/integrator.json', name: 'Integrator API (market, API key)' },
];

SwaggerUIBundle({
  dom_id: '#api-reference',
  urls: API_DOCUMENTS,
  'urls.primaryName': new URLSearchParams(location.search).get('doc') === 'integrator' ? API_DOCUMENTS[1].name : API_DOCUMENTS[0].name,
  deepLinking: true,
  persistAuthorization: false,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
