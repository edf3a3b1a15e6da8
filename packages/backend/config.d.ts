export interface Config {
  aksTrafficSecurity?: {
    /** Access to the traffic security status of entities. */
    permissions?: {
      /**
       * Groups whose members read and refresh the status of every entity,
       * as entity references (`group:default/platform-team`) or bare group
       * names in the default namespace. Everyone else gets the status only
       * of the entities they own, directly or through a group. When the key
       * is absent, everyone may read and refresh every entity's status; an
       * empty list grants it to owners only.
       */
      platformGroups?: string[];
    };
  };
}
