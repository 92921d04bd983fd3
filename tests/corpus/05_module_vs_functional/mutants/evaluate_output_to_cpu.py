# mistake: returns the output moved to the CPU (.cpu()) instead of on the device of the model and x
# targets: test_evaluate
# %% evaluate
def evaluate(model, x):
    was_training = model.training
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train(was_training)
    return out.cpu()
