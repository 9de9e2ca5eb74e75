-- one database per service (DESIGN §2)
CREATE DATABASE mailoo_integration;
CREATE DATABASE mailoo_market;
CREATE DATABASE mailoo_offer;
CREATE DATABASE mailoo_dispatch;
