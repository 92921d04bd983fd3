# mistake: always calls model.train() at the end, even for a model that was in eval mode
# targets: test_evaluate
# %% evaluate
def evaluate(model, x):
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train()
    return out
