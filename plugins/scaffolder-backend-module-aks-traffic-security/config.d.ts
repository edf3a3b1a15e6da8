export interface Config {
  aksTrafficSecurity?: {
    scaffolder?: {
      /**
       * Directory that the `aks-traffic-security:publish:local` action copies
       * new repositories into, one folder per service. A relative path is
       * resolved against the backend's working directory. When it is not set,
       * local publishing is disabled and the action rejects every request.
       * No default.
       */
      localPublishDirectory?: string;
    };
  };
}
