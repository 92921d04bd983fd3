# why: moves x to the device of the model's parameters (a no-op when it is already there), then evaluates
# %% evaluate
def evaluate(model, x):
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            return model(x.to(device))
    finally:
        model.train(was_training)
