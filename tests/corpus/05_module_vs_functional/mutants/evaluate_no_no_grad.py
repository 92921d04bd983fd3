# mistake: switches to eval mode but records the graph, so the output requires grad
# targets: test_evaluate
# %% evaluate
def evaluate(model, x):
    was_training = model.training
    model.eval()
    out = model(x)
    model.train(was_training)
    return out
