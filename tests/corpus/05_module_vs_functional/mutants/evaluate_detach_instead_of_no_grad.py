# mistake: runs the model with autograd on and detaches the output afterwards, so the graph is still recorded during the forward pass
# targets: test_evaluate
# %% evaluate
def evaluate(model, x):
    was_training = model.training
    model.eval()
    out = model(x).detach()
    model.train(was_training)
    return out
