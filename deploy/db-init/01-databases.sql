-- One database per service: each service owns its schema (Flyway migrates it at start-up).
CREATE DATABASE market_data OWNER trading;
CREATE DATABASE strategy OWNER trading;
CREATE DATABASE risk OWNER trading;
CREATE DATABASE execution OWNER trading;
CREATE DATABASE registry OWNER trading;
CREATE DATABASE notification OWNER trading;
