// Writes the Application Gateway back with one service's entries merged into
// each collection. Entries with the same names are replaced, so running the
// deployment again updates the service instead of duplicating it.
//
// NOTE: this file was written against the Bicep language reference (lambdas,
// the safe-dereference and coalesce operators) and has not been compiled here.

param gatewayName string
param location string
param identity object
param tags object

@description('The gateway\'s current properties, as a GET returns them.')
param currentProperties object

@description('The service\'s entries, from appgw-service.json.')
param service object

param routingRulePriority int

// The template's gate and the compliance pipeline reject any other setting of
// appgw-service.json. A collection added here must be added to their lists too:
// deployedGatewayProperties in template.yaml and --deployed-gateway-property.
var serviceNames = {
  sslCertificates: map(service.sslCertificates, item => item.name)
  trustedRootCertificates: map(service.trustedRootCertificates, item => item.name)
  sslProfiles: map(service.sslProfiles, item => item.name)
  httpListeners: map(service.httpListeners, item => item.name)
  backendAddressPools: map(service.backendAddressPools, item => item.name)
  backendHttpSettingsCollection: map(service.backendHttpSettingsCollection, item => item.name)
  probes: map(service.probes, item => item.name)
  requestRoutingRules: map(service.requestRoutingRules, item => item.name)
}

// The listener uses the gateway's public frontend and its port 443; neither is
// specific to the service, so they are looked up rather than repeated in the JSON.
var publicFrontend = first(filter(currentProperties.frontendIPConfigurations, frontend => contains(frontend.properties, 'publicIPAddress')))
var httpsPort = first(filter(currentProperties.frontendPorts, port => port.properties.port == 443))

var listeners = map(service.httpListeners, listener => union(listener, {
  properties: union(listener.properties, {
    frontendIPConfiguration: { id: publicFrontend.id }
    frontendPort: { id: httpsPort.id }
  })
}))

var rules = map(service.requestRoutingRules, rule => union(rule, {
  properties: union(rule.properties, { priority: routingRulePriority })
}))

resource gateway 'Microsoft.Network/applicationGateways@2025-01-01' = {
  name: gatewayName
  location: location
  identity: identity
  tags: tags
  properties: union(currentProperties, {
    sslCertificates: concat(
      filter(currentProperties.?sslCertificates ?? [], item => !contains(serviceNames.sslCertificates, item.name)),
      service.sslCertificates
    )
    trustedRootCertificates: concat(
      filter(currentProperties.?trustedRootCertificates ?? [], item => !contains(serviceNames.trustedRootCertificates, item.name)),
      service.trustedRootCertificates
    )
    sslProfiles: concat(
      filter(currentProperties.?sslProfiles ?? [], item => !contains(serviceNames.sslProfiles, item.name)),
      service.sslProfiles
    )
    httpListeners: concat(
      filter(currentProperties.?httpListeners ?? [], item => !contains(serviceNames.httpListeners, item.name)),
      listeners
    )
    backendAddressPools: concat(
      filter(currentProperties.?backendAddressPools ?? [], item => !contains(serviceNames.backendAddressPools, item.name)),
      service.backendAddressPools
    )
    backendHttpSettingsCollection: concat(
      filter(currentProperties.?backendHttpSettingsCollection ?? [], item => !contains(serviceNames.backendHttpSettingsCollection, item.name)),
      service.backendHttpSettingsCollection
    )
    probes: concat(
      filter(currentProperties.?probes ?? [], item => !contains(serviceNames.probes, item.name)),
      service.probes
    )
    requestRoutingRules: concat(
      filter(currentProperties.?requestRoutingRules ?? [], item => !contains(serviceNames.requestRoutingRules, item.name)),
      rules
    )
  })
}
