# Build stage: the same Maven build as on a developer machine.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Parent + aggregator (pom.xml), the client module (client/) and the server module (server-pom.xml, sources in src/).
COPY pom.xml server-pom.xml ./
COPY client client
# Dependencies once per POM change: the client into the image's local repository, then the server's dependencies.
RUN mvn -q -B -DskipTests -pl client -am install && mvn -q -B -f server-pom.xml dependency:go-offline
COPY src src
COPY cluster.xml .
RUN mvn -q -B -DskipTests package

# Runtime stage: a JRE, the fat jar, a non-root user, data on a volume.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /opt/beacon beacon && mkdir -p /opt/beacon /data \
    && chown beacon /data
WORKDIR /opt/beacon
COPY --from=build /src/target/beacon.jar /opt/beacon/beacon.jar
COPY cluster.xml /opt/beacon/cluster.xml
USER beacon
ENV BEACON_HOST=0.0.0.0 BEACON_DATA_DIR=/data
EXPOSE 8848 9848 5701 5710 7848
VOLUME /data
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s CMD curl -fsS http://127.0.0.1:${BEACON_PORT:-8848}/ready || exit 1
ENTRYPOINT ["java", "-XX:+UseG1GC", "-XX:MaxRAMPercentage=75", "-jar", "/opt/beacon/beacon.jar"]
