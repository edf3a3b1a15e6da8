using 'main.bicep'

// NOTE: routing rule priorities must be unique on the gateway; choose a value
// no other listener's rule uses before the first deployment.
param routingRulePriority = 1000
