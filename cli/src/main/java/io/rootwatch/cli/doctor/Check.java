package io.rootwatch.cli.doctor;

import java.util.List;

/** One thing a working deployment must have, checked in every place it must have it. */
public interface Check {
    List<Finding> run(Deployment deployment);
}
