#pragma once
struct netif;
struct rr_netdev;
/* The lwIP interface of dev, added and up; NULL without memory. */
struct netif *rr_netif_attach(struct rr_netdev *dev);
